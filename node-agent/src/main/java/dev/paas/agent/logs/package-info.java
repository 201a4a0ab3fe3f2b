/**
 * Log shipping: follows the stdout and stderr of every platform container on this node from its start (Docker's
 * event stream, with a periodic listing as a safety net), reads a stopped container's log to its end before it is
 * removed, and sends the lines to the controller in batches (Docker's own json-file log is the buffer).
 */
package dev.paas.agent.logs;
