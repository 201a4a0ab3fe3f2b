package dev.paas.builder.build;

/** Where build output goes: the pusher's terminal and the stored build log. One line per call. */
@FunctionalInterface
public interface BuildLog {

    void line(String line);

    /** A step header, shown the way Heroku shows them: {@code -----> Python app detected}. */
    default void step(String text) {
        line("-----> " + text);
    }
}
