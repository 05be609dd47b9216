/**
 * The lake contract: every S3 prefix, raw file name, manifest field, table and column of the lake,
 * defined once. The extractor writes by it, the Spark job reads and writes by it, the local runner and
 * the CloudFormation checks use it. Pure Java with no dependencies, so every module can compile against
 * it without taking on Spark.
 */
package io.github.spotifylakehouse.lake;
