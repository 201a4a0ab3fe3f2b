/**
 * The controller's REST API (/v1) as the cli calls it: JSON over {@link java.net.HttpURLConnection}, errors turned
 * into one line a person can act on.
 */
package dev.paas.cli.http;
