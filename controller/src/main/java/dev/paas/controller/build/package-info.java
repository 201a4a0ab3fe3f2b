/**
 * Builds: the {@link dev.paas.controller.build.Build} entity, its repositories and its log (stored apart), builds as
 * users see them (the list, one build with its log, the build cache), and image clean-up.
 */
package dev.paas.controller.build;
