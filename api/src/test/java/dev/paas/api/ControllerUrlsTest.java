package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ControllerUrlsTest {

    private static final URI A = URI.create("http://127.0.0.1:8000");
    private static final URI B = URI.create("http://127.0.0.1:8001");

    @Test
    void startsWithTheFirstAndMovesOnOnlyWhenTheCurrentOneFails() {
        ControllerUrls urls = ControllerUrls.parse("http://127.0.0.1:8000/, http://127.0.0.1:8001");
        assertThat(urls.all()).containsExactly(A, B);
        assertThat(urls.current()).isEqualTo(A);

        urls.failed(A);
        assertThat(urls.current()).isEqualTo(B);
        // A late failure of a call that was on its way to A does not move the client off B.
        urls.failed(A);
        assertThat(urls.current()).isEqualTo(B);

        urls.failed(URI.create("http://127.0.0.1:8001/v1/nodes/n1/desired?since=1"));
        assertThat(urls.current()).as("round again").isEqualTo(A);
    }

    @Test
    void oneControllerStaysTheOne() {
        ControllerUrls urls = ControllerUrls.of(URI.create("http://127.0.0.1:8000/"));
        urls.failed(A);
        assertThat(urls.current()).isEqualTo(A);
        assertThat(urls.toString()).isEqualTo("http://127.0.0.1:8000");
    }

    @Test
    void refusesAnythingButHttpUrlsWhole() {
        for (String bad : new String[] {"", "127.0.0.1:8000", "ftp://host", "http://a:1,", "http://a:1,,http://b:2",
                "http://a:1?x=1", "http://a b", "file:///etc/passwd"}) {
            assertThatThrownBy(() -> ControllerUrls.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is invalid: use http://HOST:PORT");
        }
    }
}
