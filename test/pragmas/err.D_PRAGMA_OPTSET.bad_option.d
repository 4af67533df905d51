/* @@line: 2 */
#pragma D option nosuchoption
