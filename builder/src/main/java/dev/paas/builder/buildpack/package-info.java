/**
 * The Heroku buildpack API: buildpacks chosen by the app (.buildpacks, BUILDPACK_URL) or by detection among
 * the built-in ones, each run as bin/detect, bin/compile and bin/release inside a container of the build stack.
 */
package dev.paas.builder.buildpack;
