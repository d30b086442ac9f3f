//! The steps more than one command takes, over the query layer and the writers: reading
//! workbooks into the store ([`ingest`]), drawing a chart ([`charts`]), writing the year's
//! report ([`publish`]). Commands call these; no command calls another command.

pub mod charts;
pub mod ingest;
pub mod publish;
