/**
 * The web dashboard at {@code /}: server-rendered Thymeleaf pages, signed in with a session cookie and protected
 * against cross-site requests by Spring Security. Every change calls the same services as the REST API, so the
 * dashboard and the cli make the same releases. The REST API under {@code /v1} keeps its own token auth.
 */
package dev.paas.controller.dashboard;
