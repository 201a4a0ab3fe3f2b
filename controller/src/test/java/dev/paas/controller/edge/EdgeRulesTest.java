package dev.paas.controller.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.EdgeView;
import dev.paas.api.LimitsRequest;
import dev.paas.api.MaintenanceRequest;
import dev.paas.api.RouteTable.Edge;
import org.junit.jupiter.api.Test;

class EdgeRulesTest {

    @Test
    void maintenanceOnWithAPageKeepsTheLimits() {
        Edge current = new Edge(false, null, 20, 120);

        EdgeRules.Outcome outcome = EdgeRules.maintenance(current, new MaintenanceRequest(true, "<h1>Soon</h1>"));

        assertThat(outcome.problem()).isNull();
        assertThat(outcome.edge()).isEqualTo(new Edge(true, "<h1>Soon</h1>", 20, 120));
    }

    @Test
    void withoutAPageTheOneSetBeforeIsKeptAndAnEmptyOneDropsIt() {
        Edge current = new Edge(false, "<h1>Soon</h1>", null, null);

        assertThat(EdgeRules.maintenance(current, new MaintenanceRequest(true, null)).edge())
                .isEqualTo(new Edge(true, "<h1>Soon</h1>", null, null));
        assertThat(EdgeRules.maintenance(current, new MaintenanceRequest(true, "")).edge())
                .isEqualTo(new Edge(true, null, null, null));
    }

    @Test
    void aPageOverTheLimitIsRefusedAndNothingChanges() {
        String page = "é".repeat(EdgeRules.MAX_PAGE_BYTES / 2 + 1);

        EdgeRules.Outcome outcome = EdgeRules.maintenance(Edge.DEFAULTS, new MaintenanceRequest(true, page));

        assertThat(outcome.problem()).isEqualTo("The maintenance page is 65538 bytes; at most 65536 are allowed:"
                + " keep images and styles outside it.");
        assertThat(outcome.edge()).isEqualTo(Edge.DEFAULTS);
    }

    @Test
    void limitsChangeOnlyWhatIsGivenAndZeroPutsBackTheDefault() {
        Edge current = new Edge(true, "<p>x</p>", 20, 120);

        assertThat(EdgeRules.limits(current, new LimitsRequest(null, 300)).edge())
                .isEqualTo(new Edge(true, "<p>x</p>", 20, 300));
        assertThat(EdgeRules.limits(current, new LimitsRequest(0, null)).edge())
                .isEqualTo(new Edge(true, "<p>x</p>", null, 120));
        assertThat(EdgeRules.limits(current, new LimitsRequest(null, null)).edge()).isEqualTo(current);
    }

    @Test
    void limitsOutOfBoundsAreRefusedWithTheBounds() {
        assertThat(EdgeRules.limits(Edge.DEFAULTS, new LimitsRequest(10_241, null)).problem())
                .isEqualTo("The body limit must be from 1 to 10240 MB (0 puts back the default, 100 MB).");
        assertThat(EdgeRules.limits(Edge.DEFAULTS, new LimitsRequest(null, -1)).problem())
                .isEqualTo("The read timeout must be from 1 to 3600 seconds (0 puts back the default, 60 s).");
        assertThat(EdgeRules.limits(Edge.DEFAULTS, new LimitsRequest(5, 3_601)).edge()).isEqualTo(Edge.DEFAULTS);
    }

    @Test
    void theViewShowsEffectiveLimitsAndOnlyTheSizeOfThePage() {
        EdgeView view = EdgeRules.view("hello", new Edge(true, "<p>x</p>", null, 90));

        assertThat(view).isEqualTo(new EdgeView("hello", true, true, 8, 100, true, 90, false));
    }
}
