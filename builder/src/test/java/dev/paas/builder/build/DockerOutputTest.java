package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;

class DockerOutputTest {

    // Configured like docker-java's own mapper, which ignores fields it has no property for.
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final List<String> log = new ArrayList<>();

    @Test
    void indentsBuildOutputOneLineAtATimeWhateverTheChunks() throws Exception {
        DockerOutput<BuildResponseItem> output = DockerOutput.build(log::add);

        output.onNext(build("{\"stream\":\"Step 1/2 : FROM paas/stack-run:bookworm\\n\"}"));
        output.onNext(build("{\"stream\":\" ---> 3a9be440a129\\nStep 2/2 : RUN echo hel\"}"));
        output.onNext(build("{\"stream\":\"lo\\n\\n\"}"));
        output.onNext(build("{\"aux\":{\"ID\":\"sha256:abc\"}}"));
        output.onNext(build("{\"stream\":\"no newline at the end\"}"));
        output.onComplete();

        assertThat(log).containsExactly(
                "       Step 1/2 : FROM paas/stack-run:bookworm",
                "        ---> 3a9be440a129",
                "       Step 2/2 : RUN echo hello",
                "       no newline at the end");
        assertThat(output.error()).isNull();
    }

    @Test
    void remembersTheLastError() throws Exception {
        DockerOutput<BuildResponseItem> output = DockerOutput.build(log::add);

        output.onNext(build("{\"stream\":\"Step 2/2 : RUN exit 3\\n\"}"));
        output.onNext(build("{\"errorDetail\":{\"code\":3,\"message\":\"The command '/bin/sh -c exit 3' returned"
                + " a non-zero code: 3\"},\"error\":\"The command '/bin/sh -c exit 3' returned a non-zero code: 3\"}"));
        output.onComplete();

        assertThat(output.error()).isEqualTo("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    }

    @Test
    void showsOnlyThePushSummaryNotLayerProgress() throws Exception {
        DockerOutput<PushResponseItem> output = DockerOutput.push(log::add);

        output.onNext(push("{\"status\":\"The push refers to repository [127.0.0.1:5000/hello]\"}"));
        output.onNext(push("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}"));
        output.onNext(push("{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}"));
        output.onNext(push("{\"status\":\"v1: digest: sha256:0123 size: 528\"}"));
        output.onNext(push("{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\"sha256:0123\",\"Size\":528}}"));
        output.onComplete();

        assertThat(log).containsExactly(
                "       The push refers to repository [127.0.0.1:5000/hello]",
                "       v1: digest: sha256:0123 size: 528");
    }

    private BuildResponseItem build(String text) throws Exception {
        return json.readValue(text, BuildResponseItem.class);
    }

    private PushResponseItem push(String text) throws Exception {
        return json.readValue(text, PushResponseItem.class);
    }
}
