package dev.paas.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/login", "/v1/apps", "/v1/apps/my-app-2/releases/v3", "/v1/join-tokens/12",
            "/v1/apps/my-app/domains/WWW.Example.com.", "/v1/nodes/node-1/desired", "/", "/apps/my-app",
            "/apps/my-app/", "/assets/dashboard.css", "/actuator/health", "/login", "/apps/a%20b"})
    void acceptsWhatTheCliTheAgentsAndTheDashboardSend(String path) {
        assertThat(PathRules.refusal(path)).as(path).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/%761/routes", "/v1/%72outes", "/v1/r%6Futes", "/v1/r%6futes", "/%2576%31/routes", "/v1%2Froutes",
            "/v1%2froutes", "/v1%5Croutes", "/v1\\routes", "/v1/./routes", "/v1/x/../routes", "/v1/%2E/routes",
            "/v1/%2e%2e/routes", "/v1//routes", "//v1/routes", "/v1/routes/", "/v1;x=y/routes", "/v1/routes;x=y",
            "/v1/routes%3Bx=y", "/v1/routes%00", "/v1/rout\u00e9s", "/v1/rout%C3%A9s", "/v1/ro utes", "/v1/routes%",
            "/v1/routes%zz", "/v1/apps/a%20b", "/v1/apps/.hidden", "v1/routes", ""})
    void refusesApiPathsThatAreNotPlainNames(String path) {
        assertThat(PathRules.refusal(path)).as(path).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apps/x%2Fy", "/apps/x%2fy", "/apps/./x", "/apps/x/..", "/apps//x", "/apps/x;jsessionid=1",
            "/apps/%2e%2e/x", "/apps/x%5c", "/apps\\x", "/apps/%78", "/apps/x%25", "/%61pps/x", "/apps/x%0a"})
    void refusesDashboardPathsWhoseMeaningDependsOnWhoDecodesThem(String path) {
        assertThat(PathRules.refusal(path)).as(path).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%761/routes", "/v1/%72outes"})
    void saysWhichCharacterWasEncodedSoTheCallerCanFixIt(String path) {
        assertThat(PathRules.refusal(path).orElseThrow()).contains("never needs encoding").contains("%7");
    }
}
