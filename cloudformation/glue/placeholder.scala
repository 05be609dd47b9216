// ScriptLocation of the spotify-lakehouse Glue job.
//
// The job is a JVM ("Scala") Glue job whose entry point is --class
// io.github.spotifylakehouse.etl.job.SpotifyEtlJob in the jar given by --extra-jars (the glue-jobs
// module). Glue requires a script location for every Spark job, so deploy.sh uploads this file; it
// defines nothing and is never the entry point.
