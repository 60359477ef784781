pub(crate) fn read(_b: &[u8]) -> Result<crate::Document, crate::DocError> {
    todo!()
}
