/** Users, passwords, login and API tokens. */
package dev.paas.controller.user;
