/** Builds as users see them: the list, one build with its log, the build cache, and image clean-up. */
package dev.paas.controller.build;
