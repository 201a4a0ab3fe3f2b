/**
 * The git server: Apache SSHD with public-key auth and a small command around JGit's ReceivePack whose
 * pre-receive hook hands each pushed ref to a {@link dev.paas.builder.git.PushHandler} before the ref moves.
 */
package dev.paas.builder.git;
