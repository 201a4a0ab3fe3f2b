/** Apps: creation with their bare git repository, listing, info and destruction. */
package dev.paas.controller.app;
