/**
 * Who may act on an app: its owner, its collaborators, admins ({@link dev.paas.controller.access.AppAccess} decides,
 * for the API, the dashboard and the SSH git server alike), and the collaborator list that owners keep.
 */
package dev.paas.controller.access;
