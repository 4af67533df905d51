/*
 * The records the guest agent (images/agent) writes on the virtio-serial
 * port: text lines "KEY rest", and blobs ("output N", "dmesg N",
 * "hvinfo N STATUS TIMEDOUT", "selftest N STATUS TIMEDOUT") whose line is
 * followed by N raw bytes.  The stream may stop anywhere (the guest
 * crashed or was killed): whatever arrived is kept, and "done" is the only
 * proof that the agent finished.
 */
#include <stdlib.h>
#include <string.h>

#include "vmtest.h"

static void copy_field(char *dst, size_t size, const char *src, size_t len)
{
	snprintf(dst, size, "%.*s", (int)len, src);
}

/* A blob's length; it is truncated to what actually arrived. */
static char *take_blob(const char **p, const char *end, const char *arg,
		       size_t *len)
{
	size_t n = strtoul(arg, NULL, 10);
	char *blob;

	if (n > (size_t)(end - *p))
		n = end - *p;
	blob = malloc(n + 1);
	if (!blob)
		return NULL;
	memcpy(blob, *p, n);
	blob[n] = 0;
	*p += n;
	*len = n;
	return blob;
}

/* "N STATUS TIMEDOUT" and the N bytes: a proc file the agent read. */
static void take_proc_read(struct agent_proc_read *r, const char **p,
			   const char *end, const char *arg)
{
	int timed_out = 0;

	free(r->text);
	r->text = take_blob(p, end, arg, &r->len);
	r->sent = true;
	if (sscanf(arg, "%*u %d %d", &r->status, &timed_out) < 1)
		r->status = -1;		/* an agent that did not say */
	r->timed_out = timed_out != 0;
}

static void parse_line(struct agent_report *r, const char *key, size_t klen,
		       const char *arg, size_t alen, const char **p,
		       const char *end)
{
#define KEY(s) (klen == strlen(s) && !memcmp(key, s, klen))
	char a[512];

	copy_field(a, sizeof(a), arg, alen);
	if (KEY("hello")) {
		r->hello = true;
		copy_field(r->release, sizeof(r->release), arg, alen);
	} else if (KEY("cpus")) {
		r->cpus = atoi(a);
	} else if (KEY("hv")) {
		copy_field(r->hv_type, sizeof(r->hv_type), arg, alen);
	} else if (KEY("xen_caps")) {
		copy_field(r->xen_caps, sizeof(r->xen_caps), arg, alen);
	} else if (KEY("xen_version")) {
		copy_field(r->xen_version, sizeof(r->xen_version), arg, alen);
	} else if (KEY("xen_guest_type")) {
		copy_field(r->xen_guest_type, sizeof(r->xen_guest_type), arg,
			   alen);
	} else if (KEY("module") || KEY("unload")) {
		char *state = KEY("module") ? r->module_state : r->unload_state;
		char *text = KEY("module") ? r->module_text : r->unload_text;
		const char *sp = memchr(a, ' ', strlen(a));

		copy_field(state, sizeof(r->module_state), a,
			   sp ? (size_t)(sp - a) : strlen(a));
		snprintf(text, sizeof(r->module_text), "%s", sp ? sp + 1 : "");
		/* The agent turns the tool's newlines into blanks. */
		for (size_t n = strlen(text); n && text[n - 1] == ' '; n--)
			text[n - 1] = 0;
	} else if (KEY("cmd")) {
		int killed = 0;

		if (sscanf(a, "%d %d %d", &r->cmd_status, &r->cmd_seconds,
			   &killed) >= 1) {
			r->cmd_ran = true;
			r->cmd_killed = killed != 0;
		}
	} else if (KEY("output")) {
		free(r->output);
		r->output = take_blob(p, end, a, &r->output_len);
	} else if (KEY("hvinfo")) {
		take_proc_read(&r->hvinfo, p, end, a);
	} else if (KEY("selftest")) {
		take_proc_read(&r->selftest, p, end, a);
	} else if (KEY("dmesg")) {
		free(r->dmesg);
		r->dmesg = take_blob(p, end, a, &r->dmesg_len);
	} else if (KEY("done")) {
		r->done = true;
	}
#undef KEY
}

void agent_parse(struct agent_report *r, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *line = p, *lend, *sp;

		if (!nl)
			break;		/* a partial last line: not yet sent */
		lend = nl;
		p = nl + 1;
		sp = memchr(line, ' ', lend - line);
		if (sp)
			parse_line(r, line, sp - line, sp + 1, lend - sp - 1,
				   &p, end);
		else
			parse_line(r, line, lend - line, lend, 0, &p, end);
	}
}

void agent_report_free(struct agent_report *r)
{
	free(r->output);
	free(r->dmesg);
	free(r->hvinfo.text);
	free(r->selftest.text);
	r->output = r->dmesg = r->hvinfo.text = r->selftest.text = NULL;
}
