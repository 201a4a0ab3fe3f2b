/**
 * Log shipping: follows the stdout and stderr of every running platform container on this node (Docker's own
 * json-file log is the buffer) and sends the lines to the controller in batches.
 */
package dev.paas.agent.logs;
