package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcfileTest {

    @Test
    void readsProcessTypesInFileOrder() {
        var processes = Procfile.parse(
                "worker: python3 worker.py\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\nclock_2-b: python3 clock.py\n");

        assertThat(processes).containsExactly(
                entry("worker", "python3 worker.py"),
                entry("web", "gunicorn app:app --bind 0.0.0.0:$PORT"),
                entry("clock_2-b", "python3 clock.py"));
    }

    @Test
    void skipsCommentsAndBlankLinesAndCutsInlineComments() {
        var processes = Procfile.parse("""
                # the processes
                \s
                web: python3 app.py   # serves HTTP
                  # indented comment
                worker:python3 worker.py\t
                """);

        assertThat(processes).containsExactly(entry("web", "python3 app.py"), entry("worker", "python3 worker.py"));
    }

    @Test
    void keepsHashesThatTheShellWouldKeep() {
        var processes = Procfile.parse("""
                a: echo 'x # y'
                b: echo "x # \\" # y"
                c: curl http://localhost/#top
                d: echo x\\ # not a comment either
                """);

        assertThat(processes).containsExactly(
                entry("a", "echo 'x # y'"),
                entry("b", "echo \"x # \\\" # y\""),
                entry("c", "curl http://localhost/#top"),
                entry("d", "echo x\\ # not a comment either"));
    }

    @Test
    void acceptsWindowsLineEndingsAndAByteOrderMark() {
        assertThat(Procfile.parse("\uFEFFweb: python3 app.py\r\nworker: python3 w.py\r\n"))
                .containsExactly(entry("web", "python3 app.py"), entry("worker", "python3 w.py"));
    }

    @Test
    void anEmptyProcfileDeclaresNothing() {
        assertThat(Procfile.parse("")).isEmpty();
        assertThat(Procfile.parse("# nothing yet\n\n")).isEmpty();
    }

    @Test
    void namesTheLineThatIsNotNameColonCommand() {
        assertThatThrownBy(() -> Procfile.parse("# header\nweb: python3 app.py\npython3 worker.py\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Procfile line 3 is not 'name: command'");
        assertThatThrownBy(() -> Procfile.parse("web:   # nothing to run\n"))
                .hasMessage("Procfile line 1 is not 'name: command'");
        assertThatThrownBy(() -> Procfile.parse("\n: python3 app.py\n"))
                .hasMessage("Procfile line 2 is not 'name: command'");
    }

    @Test
    void rejectsProcessNamesOutsideLettersDigitsUnderscoreAndDash() {
        assertThatThrownBy(() -> Procfile.parse("web app: python3 app.py"))
                .hasMessage("Procfile line 1 is not 'name: command': 'web app' is not a process type"
                        + " (use letters, digits, _ and -)");
        assertThatThrownBy(() -> Procfile.parse("web.1: python3 app.py")).hasMessageStartingWith("Procfile line 1 ");
    }

    @Test
    void rejectsAProcessTypeDeclaredTwice() {
        assertThatThrownBy(() -> Procfile.parse("web: a\nworker: b\nweb: c\n"))
                .hasMessage("Procfile line 3 declares 'web' again: name each process type once");
    }

    private static java.util.Map.Entry<String, String> entry(String name, String command) {
        return java.util.Map.entry(name, command);
    }
}
