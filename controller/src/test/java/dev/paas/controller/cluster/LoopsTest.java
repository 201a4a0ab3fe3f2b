package dev.paas.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

class LoopsTest {

    private static final String ROOT = "dev.paas.controller";

    @Test
    void everyTimedLoopIsDecidedAndEveryLeaderOnlyOneKnowsTheLeader() throws Exception {
        Set<String> found = new HashSet<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        for (BeanDefinition bean : scanner.findCandidateComponents(ROOT)) {
            Class<?> type = Class.forName(bean.getBeanClassName());
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Scheduled.class)) {
                    String name = type.getName().substring(ROOT.length() + 1) + "." + method.getName();
                    found.add(name);
                    assertThat(Loops.LEADER_ONLY.contains(name) || Loops.EVERY_CONTROLLER.contains(name))
                            .as(name + " is @Scheduled: decide in Loops whether it runs on the leader only").isTrue();
                    if (Loops.LEADER_ONLY.contains(name)) {
                        assertThat(Arrays.stream(type.getDeclaredConstructors()).map(Constructor::getParameterTypes)
                                .anyMatch(p -> Arrays.asList(p).contains(Leadership.class)))
                                .as(name + " runs on the leader only, so its class must be given Leadership").isTrue();
                    }
                }
            }
        }
        Set<String> listed = new HashSet<>(Loops.LEADER_ONLY);
        listed.addAll(Loops.EVERY_CONTROLLER);
        assertThat(found).as("the loops listed still exist").containsAll(listed);
    }
}
