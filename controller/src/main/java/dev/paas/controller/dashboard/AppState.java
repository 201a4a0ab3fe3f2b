package dev.paas.controller.dashboard;

import java.util.List;

import dev.paas.api.ProcessStatus;

/** One word for an app's state in the apps list, from its current release and its processes. */
final class AppState {

    private AppState() {
    }

    static String of(Integer release, List<ProcessStatus> processes) {
        if (release == null) {
            return "not deployed";
        }
        List<String> serving = processes.stream().map(ProcessStatus::state).filter(s -> !s.equals("stopping")).toList();
        if (serving.isEmpty()) {
            return "stopped";
        }
        if (serving.stream().anyMatch(s -> s.equals("crashed") || s.equals("unhealthy"))) {
            return "crashed";
        }
        return serving.stream().allMatch(s -> s.equals("up")) ? "up" : "starting";
    }
}
