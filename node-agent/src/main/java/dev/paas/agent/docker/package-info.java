/** {@link dev.paas.agent.engine.ContainerEngine} on the local Docker engine through docker-java. */
package dev.paas.agent.docker;
