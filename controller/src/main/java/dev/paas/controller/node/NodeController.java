package dev.paas.controller.node;

import java.time.Duration;


import dev.paas.api.DesiredState;
import dev.paas.api.NodeRegistered;
import dev.paas.api.NodeRegistration;
import dev.paas.api.NodeReport;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.LongPolls;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.schedule.Rollout;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.JoinGrants;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The node-agent's side of the API. The desired-state long poll holds neither a thread nor a database connection
 * while it waits: it is parked in {@link LongPolls} under the node's name and answered when that node's desired
 * containers change (see {@link LongPolls} for how one change is looked at for all waiting nodes in one query). A
 * report or a registration changes only observed state ({@link ChangeFeed#bumpObserved}), which no node's desired
 * containers follow: the waiting polls look at it without a read. An answer that only stops containers is held
 * back for up to {@code paas.node-stop-hold} (1 s), and goes out with the next change if one comes meanwhile.
 */
@RestController
class NodeController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeController.class);

    private static final long MAX_WAIT_SECONDS = 30;
    /** The longest a report waits for its turn to be stored: less than the agent's own 10 s timeout. */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(8);
    /** The longest a report gives way to desired-state answers being written (see {@link ReportGate}). */
    private static final Duration GIVE_WAY = Duration.ofSeconds(1);

    private final NodeService service;
    private final ChangeFeed feed;
    private final Rollout rollout;
    private final PlatformEvents events;

    private final LongPolls<String, NodeService.NodeDesired, DesiredState> desiredPolls;
    private final UnchangedReports unchanged = new UnchangedReports();
    private final ReportGate gate;

    NodeController(NodeService service, ChangeFeed feed, Rollout rollout, PlatformEvents events,
                   @Value("${paas.node-report-concurrency:4}") int reportConcurrency,
                   @Value("${paas.node-stop-hold:1s}") Duration stopHold) {
        this.events = events;
        this.service = service;
        this.feed = feed;
        this.rollout = rollout;
        this.desiredPolls = new LongPolls<>("desired-state", feed, service::desired,
                (version, node) -> new DesiredState(version, node.containers(), node.discarded()),
                node -> ApiException.notFound("Unknown node '" + node + "': register it first."), false, false,
                // Stopping retired containers can wait a moment: a change that follows (the next config:set after
                // a rollout ended) then reaches each node with them, in one answer, not in a second fan-out.
                new LongPolls.Hold<>(stopHold, (holds, now) -> now.onlyStops(holds)));
        this.gate = new ReportGate(reportConcurrency, REPORT_WAIT, () -> desiredPolls.answering() > 0, GIVE_WAY);
    }

    /** Answers with the node's own credential, which it presents from then on. */
    @PostMapping("/v1/nodes/register")
    NodeRegistered register(@RequestBody NodeRegistration registration, HttpServletRequest request) {
        NodeRegistered registered = service.register(registration, JoinGrants.of(request).orElse(null));
        // moves no node's desired containers: the waiting nodes' polls read nothing for it
        feed.bumpObserved();
        return registered;
    }

    @GetMapping("/v1/nodes/{node}/desired")
    DeferredResult<DesiredState> desired(@PathVariable String node, @RequestParam(defaultValue = "-1") long since,
                                         @RequestParam(defaultValue = "0") long wait) {
        return desiredPolls.poll(node, since, Duration.ofSeconds(Math.min(Math.max(wait, 0), MAX_WAIT_SECONDS)));
    }

    /** How many desired-state polls wait (for tests). */
    int waitingPolls() {
        return desiredPolls.waiting();
    }

    /** How many desired-state answers are given and not yet written out (for tests). */
    int answeringPolls() {
        return desiredPolls.answering();
    }

    @PreDestroy
    void stop() {
        desiredPolls.shutdown();
    }

    @PutMapping("/v1/nodes/{node}/observed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void observed(@PathVariable String node, @RequestBody NodeReport report) {
        long began = System.nanoTime();
        java.util.List<dev.paas.api.ObservedContainer> containers =
                report.containers() == null ? java.util.List.of() : report.containers();
        long version = feed.version();
        if (unchanged.repeats(node, containers, version)) {
            service.heartbeat(node);
            return;
        }
        NodeService.Observed observed;
        try {
            observed = gate.store(() -> service.observed(node, containers));
        } catch (RuntimeException e) {
            unchanged.forget(node);
            throw e;
        }
        if (!observed.changed() && observed.events().isEmpty() && feed.version() == version) {
            unchanged.unchanged(node, containers, version);
        } else {
            unchanged.forget(node);
        }
        if (observed.changed()) {
            // what the nodes see: routes follow it, desired containers do not (a rollout's next step bumps for those)
            feed.bumpObserved();
            rollout.progressSoon();
            log.debug("report from {} changed state: stored in {} ms", node, (System.nanoTime() - began) / 1_000_000);
        }
        if (!observed.events().isEmpty()) {
            events.emitSoon(observed.events());
        }
    }
}
