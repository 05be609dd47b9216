/**
 * Local stand-ins for AWS services, shared by the tests of every module and by the local runner.
 * Pure JDK: no dependency reaches the Glue job's classpath.
 */
package io.github.spotifylakehouse.local;
