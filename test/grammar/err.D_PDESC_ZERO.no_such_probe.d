/* @@line: 2 */
nosuchprovider:::nosuchprobe
{
}
