/** The route table routers render into nginx, and the versions each router has applied. */
package dev.paas.controller.route;
