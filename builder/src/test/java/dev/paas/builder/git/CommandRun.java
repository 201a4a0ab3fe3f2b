package dev.paas.builder.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished external command (git, ssh) with its exit code, stdout, and each stderr line with when it arrived. */
record CommandRun(int exitCode, String stdout, List<TimedLine> stderrLines) {

    record TimedLine(long nanos, String text) {
    }

    static CommandRun run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        List<TimedLine> lines = Collections.synchronizedList(new ArrayList<>());
        Thread stderrReader = new Thread(() -> readLines(process.getErrorStream(), lines));
        stderrReader.start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        process.getInputStream().transferTo(stdout);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        stderrReader.join(10_000);
        return new CommandRun(process.exitValue(), stdout.toString(StandardCharsets.UTF_8), List.copyOf(lines));
    }

    /** Splits on CR as well as LF: git redraws its progress lines with CR. */
    private static void readLines(InputStream in, List<TimedLine> lines) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (in) {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n' || b == '\r') {
                    if (line.size() > 0) {
                        lines.add(new TimedLine(System.nanoTime(), line.toString(StandardCharsets.UTF_8).trim()));
                        line.reset();
                    }
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                lines.add(new TimedLine(System.nanoTime(), line.toString(StandardCharsets.UTF_8).trim()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String stderr() {
        return String.join("\n", stderrLines.stream().map(TimedLine::text).toList());
    }

    /** When the first stderr line containing {@code text} arrived. */
    long arrivalOf(String text) {
        return stderrLines.stream().filter(line -> line.text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no stderr line contains '" + text + "' in:\n" + stderr()))
                .nanos();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr();
    }
}
