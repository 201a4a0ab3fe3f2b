/**
 * What a push sets off: the build, the release it becomes, its placement, and the wait until it serves.
 */
package dev.paas.controller.deploy;
