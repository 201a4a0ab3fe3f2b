/** Custom domains: validation, storage, and the REST endpoints; the route table serves apps under them. */
package dev.paas.controller.domain;
