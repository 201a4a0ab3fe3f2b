/** Clean-up of this node's copies of app images that the cluster no longer keeps. */
package dev.paas.agent.images;
