/**
 * Memory and CPU per process type ({@code paas limits}), a formation's defaults and maximums
 * ({@code paas formations:limits}), and the pure rules that parse, check and resolve them ({@link LimitRules}).
 * Placement reserves what each container is given ({@code schedule.Scheduler}).
 */
package dev.paas.controller.limits;
