package dev.paas.controller.git;

import dev.paas.api.SshInfo;
import dev.paas.controller.PaasProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets the cli write known_hosts, so a first push does not stop at a host-key prompt. */
@RestController
class SshInfoController {

    private final GitServer server;
    private final PaasProperties properties;

    SshInfoController(GitServer server, PaasProperties properties) {
        this.server = server;
        this.properties = properties;
    }

    @GetMapping("/v1/ssh")
    SshInfo ssh() {
        return new SshInfo(properties.sshHost(), properties.sshPort(), server.hostKeys());
    }
}
