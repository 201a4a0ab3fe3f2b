/** Small persistence helpers shared by the feature packages. */
package dev.paas.controller.store;
