package dev.paas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.paas.cli.git.Git;
import dev.paas.cli.http.ApiClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand needs: its writers, the environment, and the API client of the logged-in user. */
abstract class PaasCommand implements Callable<Integer> {

    @ParentCommand
    Paas paas;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CliEnvironment env() {
        return paas.env();
    }

    /** @throws UserError when not logged in */
    ApiClient api() {
        return paas.api();
    }

    Git git() {
        return new Git(env().workDir());
    }
}
