package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void parsesWhatNginxAccepts() {
        assertThat(ListenAddress.parse("127.0.0.1:8080")).hasToString("127.0.0.1:8080");
        assertThat(ListenAddress.parse("8080")).hasToString("*:8080");
        assertThat(ListenAddress.parse("[::1]:80")).hasToString("[::1]:80");
    }

    @Test
    void probesLoopbackWhenListeningOnEveryAddress() {
        assertThat(ListenAddress.parse("*:80").probeHost()).isEqualTo("127.0.0.1");
        assertThat(ListenAddress.parse("0.0.0.0:80").probeHost()).isEqualTo("127.0.0.1");
        assertThat(ListenAddress.parse("[::1]:80").probeHost()).isEqualTo("::1");
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad : new String[] {"localhost:80", "127.0.0.1:0", "127.0.0.1:99999", "1.2.3.4:80; x", "a:b",
                "256.1.1.1:80", "127.0.0.1:80 default_server:80", ""}) {
            assertThatThrownBy(() -> ListenAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
