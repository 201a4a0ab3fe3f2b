package dev.paas.controller.run;

import java.util.List;
import java.util.Map;

/** What a one-off run needs, read from the database before any Docker call. */
record OneOffProcess(String app, int release, String image, Map<String, String> env, List<String> command) {
}
