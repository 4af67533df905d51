/* @@line: 2 */
#pragma D option bufpolicy=sideways
