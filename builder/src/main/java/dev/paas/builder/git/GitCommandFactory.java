package dev.paas.builder.git;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/** Turns an SSH exec request into a git pack command, or into a refusal the client sees on stderr. */
final class GitCommandFactory implements CommandFactory {

    private final GitAccess access;
    private final PushHandler handler;
    private final long maxPushBytes;

    GitCommandFactory(GitAccess access, PushHandler handler, long maxPushBytes) {
        this.maxPushBytes = maxPushBytes;
        this.access = access;
        this.handler = handler;
    }

    @Override
    public Command createCommand(ChannelSession channel, String commandLine) {
        GitCommandLine request;
        try {
            request = GitCommandLine.parse(commandLine);
        } catch (IllegalArgumentException e) {
            return new RefusedCommand(e.getMessage());
        }
        String user = KeyOwnerAuthenticator.userOf(channel.getSession());
        return new GitPackCommand(commandLine, request, user, access, handler, maxPushBytes);
    }
}
