/** HTTP plumbing shared by every feature: authentication and error answers. */
package dev.paas.controller.web;
