package dev.paas.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The controller: REST API, git server, builds, releases, scheduler and route table in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ControllerApplication.class, args);
    }
}
