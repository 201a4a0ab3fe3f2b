package dev.paas.controller.app;

/** Published once a destroyed app's row is gone and routers no longer route it, for what it left elsewhere. */
public record AppDestroyed(String name) {
}
