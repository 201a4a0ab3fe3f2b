/**
 * app.json, Heroku's and Dokku's: parsed ({@code AppJsonParser}), its decisions pure ({@code FormationDecision},
 * {@code FirstDeployEnv}, {@code CronPlan}), applied on a push through the one change path ({@code AppJsonDeploy}),
 * and its cron entries run as one-offs ({@code CronScheduler}).
 */
package dev.paas.controller.appjson;
