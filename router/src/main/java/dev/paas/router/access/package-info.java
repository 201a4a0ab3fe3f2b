/**
 * Router access lines: nginx writes one tab-separated line per request ({@code access-paas.log}, format
 * {@code paas_access}); {@link dev.paas.router.access.AccessLogShipper} tails it, finds each host's app in the
 * route table being served, and ships the lines into the apps' log streams as {@code router} lines.
 */
package dev.paas.router.access;
