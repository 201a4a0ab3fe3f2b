package dev.paas.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.node.NodeCredentials;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.user.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The auth filter on its own, without {@link RequestFirewall} in front: it must still decide on the path Spring
 * routes, so an encoded or parameterised spelling of a node endpoint is no way around its token.
 */
class AuthFilterTest {

    private final TokenService tokens = mock(TokenService.class);
    private final JoinTokens joinTokens = mock(JoinTokens.class);
    private final AuthFilter filter = new AuthFilter(tokens, new PaasProperties(null, "node-secret", null, null, 0,
            null, null, 0, null, null), new ObjectMapper(), joinTokens, mock(NodeCredentials.class));

    @ParameterizedTest
    @ValueSource(strings = {"/%761/routes", "/%76%31/routes", "/v1;x=y/routes", "/v1/r%6Futes",
            "/%761/nodes/n1/desired", "/v1/%6Eodes/n1/desired", "/v1/nodes;a=b/register", "/%761/routers/r1/logs",
            "/%761/apps", "/v1/%61pps/x/config", "/v1", "/v1/no-such-endpoint"})
    void everyPathSpringRoutesUnderV1NeedsAToken(String rawPath) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = run(rawPath, null, chain);
        assertThat(response.getStatus()).as(rawPath).isEqualTo(401);
        assertThat(chain.getRequest()).as(rawPath + " reached the handler").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%761/routes", "/v1;x=y/routes", "/v1/%6Eodes/n1/desired", "/%761/routers/r1/applied"})
    void aUsersTokenOpensNoNodeEndpointHoweverItIsSpelled(String rawPath) throws Exception {
        when(tokens.userForToken(anyString())).thenReturn(Optional.of(new User("ana", "hash", true)));
        when(joinTokens.find(anyString())).thenReturn(new JoinTokens.Presented(Optional.empty(), "Invalid join token."));
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(rawPath, "a-users-token", chain).getStatus()).as(rawPath).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/routes", "/%761/routes", "/v1/nodes/n1/desired", "/v1/nodes/n1/observed",
            "/v1/nodes/n1/logs", "/v1/%6Eodes/n1/desired", "/v1/routers/r1/applied", "/v1/routers/r1/logs",
            "/v1/nodes/register/desired"})
    void theNodeTokenAndAJoinTokenOnlyRegister(String rawPath) throws Exception {
        when(joinTokens.find("pjt_proxy")).thenReturn(new JoinTokens.Presented(Optional.of(
                new JoinTokens.Grant(1L, "default", "proxy", 1L)), null));
        for (String token : new String[] {"node-secret", "pjt_proxy"}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = run(rawPath, token, chain);
            assertThat(response.getStatus()).as(rawPath + " with " + token).isEqualTo(403);
            assertThat(response.getContentAsString()).contains("only registers a node");
            assertThat(chain.getRequest()).isNull();

            MockFilterChain registration = new MockFilterChain();
            run("/v1/nodes/register", token, registration);
            assertThat(registration.getRequest()).as("registration with " + token).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/login", "/%761/login", "/", "/apps/x", "/actuator/health"})
    void onlyLoginAndWhatIsNotTheApiPassWithoutAToken(String rawPath) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        run(rawPath, null, chain);
        assertThat(chain.getRequest()).as(rawPath).isNotNull();
    }

    private MockHttpServletResponse run(String rawPath, String bearer, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", rawPath);
        if (bearer != null) {
            request.addHeader("Authorization", "Bearer " + bearer);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}
