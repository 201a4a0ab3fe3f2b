package dev.paas.controller.cluster;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** This controller process's id in the cluster's messages and logs: new at every start. */
@Component
public class ClusterId {

    private final String value = "c" + UUID.randomUUID().toString().substring(0, 8);

    public String value() {
        return value;
    }
}
