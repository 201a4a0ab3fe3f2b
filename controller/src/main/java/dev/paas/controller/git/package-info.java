/** Wires the builder's SSH git server into the controller: who may push where, and the host keys to trust. */
package dev.paas.controller.git;
