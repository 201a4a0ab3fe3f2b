/** An app's config vars: validation, the diff that names a release, and the API that makes a release per change. */
package dev.paas.controller.config;
