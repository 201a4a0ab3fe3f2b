/** Users' SSH public keys: the only way into the git server. */
package dev.paas.controller.key;
