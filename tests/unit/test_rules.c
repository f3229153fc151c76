#include "tfms/alloc.h"
#include "tfms/apiname.h"
#include "tfms/error.h"
#include "tfms/rulelist.h"
#include "tfms/rules.h"
#include "tfms/signature.h"
#include "tfms/table.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Test(signature, parses_defaults_and_markers)
{
	tfms_signature sig;
	cr_assert_eq(tfms_signature_parse(&sig, "f(a, b=(1, 2), *args, c, "
						"d='x,y', **kw)"),
		     0);
	cr_assert_eq(sig.nparams, 6);
	cr_expect_str_eq(sig.params[1].default_text, "(1, 2)");
	cr_expect_eq(sig.params[2].kind, TFMS_PARAM_VAR_POSITIONAL);
	cr_expect_eq(sig.params[3].kind, TFMS_PARAM_KEYWORD_ONLY);
	cr_expect_str_eq(sig.params[4].default_text, "'x,y'");
	cr_expect_eq(sig.params[5].kind, TFMS_PARAM_VAR_KEYWORD);
	cr_expect_eq(tfms_signature_positional(&sig, 1), 1);
	cr_expect_eq(tfms_signature_positional(&sig, 5), 2);
	tfms_signature_dispose(&sig);
}

Test(signature, rejects_malformed_text)
{
	tfms_signature sig;
	cr_expect_eq(tfms_signature_parse(&sig, "f(a=1, b)"), -1);
	cr_expect_eq(tfms_signature_parse(&sig, "f(a"), -1);
	cr_expect_eq(tfms_signature_parse(&sig, "(a)"), -1);
}

Test(table, canonical_names)
{
	char *a = tfms_canonical_api("tensorflow.compat.v1.nn.relu", 28);
	cr_expect_str_eq(a, "tf.nn.relu");
	free(a);
	char *b = tfms_canonical_api("tensorflow_probability.bijectors", 32);
	cr_expect_str_eq(b, "tfp.bijectors");
	free(b);
	cr_expect_null(tfms_canonical_api("tensorflowx.a", 13));
	cr_expect_null(tfms_canonical_api("numpy", 5));
}

Test(table, reads_statuses_and_links)
{
	const char *md =
		"| TF | MS | Description |\n|---|---|---|\n"
		"| [tf.a](u) | [mindspore.ops.A](v) | same |\n"
		"| [tf.b](u) | [mindspore.ops.B](v) "
		"|[差异对比](http://d/B.md)|\n"
		"| [tf.c](u) | [mindspore.C](v) |  The functions are "
		"consistent, but the parameter names are inconsistent.  |\n"
		"| [tf.d](u) | x | maybe |\n";
	tfms_table_row *rows;
	size_t n;
	cr_assert_eq(tfms_table_parse(&rows, &n, md, strlen(md), "t.md"), 0);
	cr_assert_eq(n, 4);
	cr_expect_eq(rows[0].status, TFMS_STATUS_CONSISTENT);
	cr_expect_eq(rows[1].status, TFMS_STATUS_DIFF);
	cr_expect_str_eq(rows[1].doc_url, "http://d/B.md");
	cr_expect_eq(rows[2].status, TFMS_STATUS_CONSISTENT);
	cr_expect_eq(rows[3].status, TFMS_STATUS_UNCLEAR);
	cr_expect_str_eq(rows[2].source, "t.md:5");
	tfms_table_rows_free(rows, n);
}

Test(table, a_file_without_rows_is_an_error)
{
	tfms_table_row *rows;
	size_t n;
	cr_expect_eq(tfms_table_parse(&rows, &n, "# nothing\n", 10, "e.md"),
		     -1);
}

Test(rules, builtin_rules_cover_the_seed_rows_and_aliases)
{
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_builtin(rs), 0);
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	const tfms_rule *sg = tfms_ruleset_find(rs, "tf.stop_gradient");
	cr_assert_not_null(sg);
	cr_expect_eq(sg->call, TFMS_DECISION_AUTO);
	const tfms_rule *sp = tfms_ruleset_find(rs, "tf.SparseTensor");
	cr_assert_not_null(sp);
	cr_expect_str_eq(sp->api, "tf.sparse.SparseTensor");
	cr_expect_str_eq(sp->ms_api, "mindspore.SparseTensor");
	cr_expect_not_null(sp->review);
	const tfms_rule *g = tfms_ruleset_find(rs, "tf.gradients");
	cr_assert_not_null(g);
	cr_expect_eq(g->status, TFMS_STATUS_DIFF);
	cr_expect_not_null(g->doc_url);
	/* Every table row has a rule; tf.nn.relu's is manual, with a reason. */
	const tfms_rule *relu = tfms_ruleset_find(rs, "tf.nn.relu");
	cr_assert_not_null(relu);
	cr_expect_eq(relu->call, TFMS_DECISION_AUTO);
	cr_expect_str_eq(relu->ms_api, "mindspore.ops.relu");
	cr_expect(relu->project);
	cr_expect_null(tfms_ruleset_find(rs, "tf.placeholder"));
	tfms_ruleset_free(rs);
}

static int load_yaml(const char *yaml)
{
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	int rc = tfms_ruleset_load_buffer(rs, "x.yaml", yaml, strlen(yaml));
	if (rc == 0)
		rc = tfms_ruleset_finalize(rs);
	tfms_ruleset_free(rs);
	return rc;
}

Test(rules, bad_detail_rules_are_rejected_with_a_location)
{
	cr_expect_eq(load_yaml("rules:\n  - api: tf.x\n    typo: 1\n"), -1);
	cr_expect_not_null(strstr(tfms_error_last(), "x.yaml:3"));
	/* No table row and no ms_api/status of its own. */
	cr_expect_eq(load_yaml("rules:\n  - api: tf.x\n    call: manual\n"),
		     -1);
	/* Maps an argument onto a MindSpore parameter that does not exist. */
	cr_expect_eq(
		load_yaml(
			"rules:\n  - api: tf.x\n    ms_api: mindspore.ops.x\n"
			"    status: consistent\n    call: auto\n"
			"    tf_signature: x(a, b)\n    ms_signature: x(a)\n"),
		-1);
	cr_expect_not_null(strstr(tfms_error_last(), "'b'"));
	/* Converting a row the table calls different is refused. */
	cr_expect_eq(
		load_yaml("rules:\n  - api: tf.x\n    ms_api: mindspore.ops.x\n"
			  "    status: diff\n    reference: auto\n"),
		-1);
	cr_expect_eq(load_yaml("rules: [\n"), -1);
	cr_expect_eq(
		load_yaml("rules:\n  - api: tf.x\n    ms_api: mindspore.ops.x\n"
			  "    status: consistent\n    call: auto\n"
			  "    tf_signature: x(a, name=None)\n"
			  "    ms_signature: x(a)\n    args: {name: drop}\n"),
		0);
}

Test(rules, upstream_table_loads)
{
	const char *path = TFMS_SOURCE_DIR
		"/../shared/mapping/tensorflow_1.15_api_mapping.md";
	if (access(path, R_OK) != 0)
		cr_skip_test("shared/ is not next to the checkout");
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_path(rs, path), 0, "%s",
		     tfms_error_last());
	cr_assert_eq(
		tfms_ruleset_load_path(rs, TFMS_SOURCE_DIR "/rules/tf115.yaml"),
		0);
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	/* 72 TF rows + 1 TFP row. */
	cr_expect_eq(tfms_ruleset_count(rs), 73);
	cr_expect_not_null(tfms_ruleset_find(rs, "tfp.bijectors.Softplus"));
	const tfms_rule *adam =
		tfms_ruleset_find(rs, "tf.keras.optimizers.Adam");
	cr_assert_not_null(adam);
	cr_expect_eq(adam->status, TFMS_STATUS_DIFF);
	tfms_ruleset_free(rs);
}

/* The shipped table: every row has a detail rule with a decision, and the
 * decisions are the ones the rules promise. */
Test(rules, every_shipped_row_has_a_detail_rule)
{
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_builtin(rs), 0);
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	size_t rows = 0, automated = 0;
	for (size_t i = 0; i < tfms_ruleset_count(rs); i++) {
		const tfms_rule *r = tfms_ruleset_at(rs, i);
		if (!r->in_table)
			continue;
		rows++;
		cr_expect(r->has_detail, "%s has no detail rule", r->api);
		const char *decision = tfms_rule_decision(r);
		const char *reason = tfms_rule_reason(r);
		cr_expect(reason && *reason, "%s has no reason", r->api);
		if (strcmp(decision, "manual") != 0)
			automated++;
		if (r->status == TFMS_STATUS_DIFF)
			cr_expect_str_eq(decision, "manual", "%s", r->api);
	}
	cr_expect_eq(rows, 73, "%zu rows",
		     rows); /* 72 TensorFlow rows and one TFP row */
	cr_expect_geq(automated, 25);
	tfms_ruleset_free(rs);
}

Test(rules, seed_excerpt_loads_as_a_table)
{
	const char *path =
		TFMS_SOURCE_DIR "/../shared/000_0b7fb78631909bcd.txt";
	if (access(path, R_OK) != 0)
		cr_skip_test("shared/ is not next to the checkout");
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_path(rs, path), 0, "%s",
		     tfms_error_last());
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	cr_expect_eq(tfms_ruleset_count(rs), 4);
	const tfms_rule *g = tfms_ruleset_find(rs, "tf.gradients");
	cr_assert_not_null(g);
	cr_expect_eq(g->status, TFMS_STATUS_DIFF);
	const tfms_rule *sp = tfms_ruleset_find(rs, "tf.sparse.SparseTensor");
	cr_assert_not_null(sp);
	cr_expect_eq(sp->status, TFMS_STATUS_CONSISTENT);
	tfms_ruleset_free(rs);
}

Test(rules, module_spellings_load_and_are_checked)
{
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	const char *yaml =
		"modules:\n  - module: mindspore.ops\n    name: ops\n"
		"  - module: mindspore.ops\n    name: P\n";
	cr_assert_eq(tfms_ruleset_load_buffer(rs, "m.yaml", yaml, strlen(yaml)),
		     0, "%s", tfms_error_last());
	cr_assert_eq(tfms_ruleset_finalize(rs), 0);
	const tfms_module_rule *m = tfms_ruleset_module(rs, "mindspore.ops");
	cr_assert_not_null(m);
	cr_expect_str_eq(m->name, "P");
	cr_expect_str_eq(m->source, "m.yaml:4");
	cr_expect_null(tfms_ruleset_module(rs, "mindspore.nn"));
	tfms_ruleset_free(rs);

	cr_expect_eq(load_yaml("modules:\n  - module: mindspore\n"
			       "    name: 1ms\n"),
		     -1);
	cr_expect_not_null(strstr(tfms_error_last(), "x.yaml:3: 'name'"));
	cr_expect_eq(load_yaml("modules:\n  - module: mindspore..ops\n"
			       "    name: ops\n"),
		     -1);
	cr_expect_not_null(strstr(tfms_error_last(), "x.yaml:2: 'module'"));
	cr_expect_eq(load_yaml("modules:\n  - module: mindspore\n"), -1);
	cr_expect_not_null(strstr(tfms_error_last(), "x.yaml:2: module needs"));
	cr_expect_eq(load_yaml("modules:\n  - module: mindspore\n"
			       "    name: ms\n    as: x\n"),
		     -1);
	cr_expect_not_null(strstr(tfms_error_last(), "x.yaml:4: unknown key"));
	cr_expect_eq(load_yaml("modules: {module: mindspore}\n"), -1);
	cr_expect_not_null(strstr(tfms_error_last(), "must be a list"));
}

Test(rules, a_dotted_module_name_must_be_the_module)
{
	cr_expect_eq(load_yaml("modules:\n  - name: absl.flags\n"
			       "    module: absl.flags\n"),
		     0, "%s", tfms_error_last());
	cr_expect_eq(load_yaml("modules:\n  - module: absl.flags\n"
			       "    name: absl.app\n"),
		     -1);
	cr_expect_not_null(strstr(tfms_error_last(),
				  "x.yaml:2: a dotted 'name' must be the "
				  "module itself, not 'absl.app'"));
	cr_expect_eq(load_yaml("modules:\n  - module: absl.flags\n"
			       "    name: absl..flags\n"),
		     -1);
	cr_expect_not_null(strstr(tfms_error_last(), "x.yaml:3: 'name'"));
}

Test(rules, builtin_rules_import_absl_flags_whole)
{
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_builtin(rs), 0);
	const tfms_module_rule *m = tfms_ruleset_module(rs, "absl.flags");
	cr_assert_not_null(m);
	cr_expect_str_eq(m->name, "absl.flags");
	tfms_ruleset_free(rs);
}

Test(rules, float_from_must_list_tf_apis)
{
	const char *head = "rules:\n  - api: tf.v\n    ms_api: mindspore.V\n"
			   "    status: consistent\n"
			   "    tf_signature: v(init)\n"
			   "    ms_signature: V(data)\n"
			   "    args:\n      init: {to: data, float_from: ";
	char *yaml = tfms_asprintf("%s[tf.zeros, tensorflow.ones]}\n", head);
	cr_expect_eq(load_yaml(yaml), 0, "%s", tfms_error_last());
	free(yaml);
	yaml = tfms_asprintf("%stf.zeros}\n", head);
	cr_expect_eq(load_yaml(yaml), -1);
	cr_expect_not_null(strstr(tfms_error_last(),
				  "x.yaml:8: 'float_from' of argument 'init' "
				  "must be one non-empty list"));
	free(yaml);
	yaml = tfms_asprintf("%s[np.zeros]}\n", head);
	cr_expect_eq(load_yaml(yaml), -1);
	cr_expect_not_null(strstr(tfms_error_last(),
				  "'np.zeros' in 'float_from' is not a "
				  "TensorFlow API"));
	free(yaml);
}

Test(rules, builtin_rules_spell_mindspore_modules)
{
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_builtin(rs), 0);
	const tfms_module_rule *m = tfms_ruleset_module(rs, "mindspore");
	cr_assert_not_null(m);
	cr_expect_str_eq(m->name, "ms");
	cr_expect_str_eq(tfms_ruleset_module(rs, "mindspore.ops")->name, "ops");
	tfms_ruleset_free(rs);
}

Test(signature, failure_leaves_it_empty)
{
	tfms_signature sig;
	cr_assert_eq(tfms_signature_parse(&sig, "f(a, b=1, c)"), -1);
	cr_expect_null(sig.name);
	cr_expect_null(sig.params);
	cr_expect_eq(sig.nparams, 0);
}

Test(table, failure_leaves_no_rows)
{
	tfms_table_row *rows = (tfms_table_row *)&rows;
	size_t n = 5;
	cr_assert_eq(tfms_table_parse(&rows, &n, "no table\n", 9, "t.md"), -1);
	cr_expect_null(rows);
	cr_expect_eq(n, 0);
	cr_expect_str_eq(tfms_error_last(),
			 "t.md: no mapping table rows found");
}

/* A directory loads every kind of rule file a single path does, .txt
 * tables included. */
Test(rules, directory_loads_txt_tables)
{
	char dir[] = "/tmp/tfms-rules-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/excerpt.txt", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("| [tf.nn.relu](u) | [mindspore.ops.relu](v) | same |\n", f);
	fclose(f);
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_path(rs, dir), 0, "%s",
		     tfms_error_last());
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	const tfms_rule *relu = tfms_ruleset_find(rs, "tf.nn.relu");
	cr_assert_not_null(relu);
	cr_expect_str_eq(relu->ms_api, "mindspore.ops.relu");
	cr_expect_str_eq(relu->table_source + strlen(dir), "/excerpt.txt:1");
	tfms_ruleset_free(rs);
	unlink(path);
	rmdir(dir);
}

/* MindSpore's newer table (r2.1 docs, its TF 1.15 part) loads together
 * with the shipped detail rules; where it calls a pair different, it wins
 * with one warning naming the rules it overrode. */
Test(rules, newer_table_loads_with_the_shipped_rules)
{
	const char *path = TFMS_SOURCE_DIR
		"/../shared/mapping/tensorflow_2.6_api_mapping.md";
	if (access(path, R_OK) != 0)
		cr_skip_test("shared/ is not next to the checkout");
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_path(rs, path), 0, "%s",
		     tfms_error_last());
	cr_assert_eq(
		tfms_ruleset_load_path(rs, TFMS_SOURCE_DIR "/rules/tf115.yaml"),
		0);
	cr_assert_eq(tfms_ruleset_load_path(rs, TFMS_SOURCE_DIR
					    "/rules/project.yaml"),
		     0);
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	const char *w = tfms_ruleset_warnings(rs);
	cr_assert_not_null(w);
	cr_expect_null(strchr(w, '\n'), "one line: %s", w);
	const tfms_rule *argmax = tfms_ruleset_find(rs, "tf.clip_by_value");
	cr_assert_not_null(argmax);
	cr_expect_eq(argmax->status, TFMS_STATUS_DIFF);
	cr_expect(argmax->overridden);
	cr_expect_str_eq(argmax->doc_url,
			 "https://www.mindspore.cn/docs/en/r2.1/note/"
			 "api_mapping/tensorflow_diff/TensorClip.html");
	cr_expect(strstr(w, "tf.clip_by_value") != NULL, "%s", w);
	/* A row without a verdict keeps its verified detail rule. */
	const tfms_rule *gather = tfms_ruleset_find(rs, "tf.gather");
	cr_assert_not_null(gather);
	cr_expect_eq(gather->call, TFMS_DECISION_AUTO);
	tfms_ruleset_free(rs);
}

/* Every difference page the shipped rules link exists in the docs release
 * they name (tests/unit/data/r2.1_tensorflow_diff_pages.txt lists the
 * pages of the r2.1 docs: tensorflow_diff/ and tensorflow_probability_diff/,
 * from the mindspore-ai/docs r2.1 tree). */
Test(rules, every_link_points_to_an_existing_page)
{
	FILE *f = fopen(TFMS_SOURCE_DIR
			"/tests/unit/data/r2.1_tensorflow_diff_pages.txt",
			"r");
	cr_assert_not_null(f);
	char pages[16384] = "";
	size_t n = fread(pages, 1, sizeof(pages) - 1, f);
	pages[n] = '\0';
	fclose(f);
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_builtin(rs), 0);
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
	const char *prefix =
		"https://www.mindspore.cn/docs/en/r2.1/note/api_mapping/";
	size_t links = 0;
	for (size_t i = 0; i < tfms_ruleset_count(rs); i++) {
		const tfms_rule *r = tfms_ruleset_at(rs, i);
		if (!r->doc_url)
			continue;
		links++;
		cr_assert(strncmp(r->doc_url, prefix, strlen(prefix)) == 0,
			  "%s: %s", r->api, r->doc_url);
		char *page = tfms_strdup(r->doc_url + strlen(prefix));
		char *dot = strstr(page, ".html");
		cr_assert_not_null(dot, "%s", r->doc_url);
		*dot = '\0';
		char *line = tfms_asprintf("\n%s\n", page);
		cr_expect(strstr(pages, line) != NULL, "%s links %s", r->api,
			  r->doc_url);
		free(line);
		free(page);
	}
	cr_expect_geq(links, 8);
	tfms_ruleset_free(rs);
}

Test(rules, releases_pick_the_rule_and_the_default_is_the_newest)
{
	static const char yaml[] = "settings: {newest_release: '2.7'}\n"
				   "rules:\n"
				   "  - api: tf.x\n"
				   "    ms_api: mindspore.ops.old\n"
				   "    status: consistent\n"
				   "    releases: '2.0-2.3'\n"
				   "    reference: auto\n"
				   "  - api: tf.x\n"
				   "    ms_api: mindspore.ops.new\n"
				   "    status: consistent\n"
				   "    releases: '2.4-'\n"
				   "    reference: auto\n"
				   "  - api: tf.y\n"
				   "    ms_api: mindspore.ops.y\n"
				   "    status: consistent\n"
				   "    releases: '2.2-'\n"
				   "    reference: auto\n";
	const char *versions[] = {NULL, "2.1", "2.4"};
	const char *expect_x[] = {"mindspore.ops.new", "mindspore.ops.old",
				  "mindspore.ops.new"};
	for (size_t i = 0; i < 3; i++) {
		tfms_ruleset *rs;
		tfms_ruleset_new(&rs);
		tfms_ruleset_set_ms_version(rs, versions[i]);
		cr_assert_eq(tfms_ruleset_load_buffer(rs, "r.yaml", yaml,
						      strlen(yaml)),
			     0, "%s", tfms_error_last());
		cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s",
			     tfms_error_last());
		cr_expect_str_eq(tfms_ruleset_ms_version(rs),
				 versions[i] ? versions[i] : "2.7");
		cr_expect_str_eq(tfms_ruleset_find(rs, "tf.x")->ms_api,
				 expect_x[i]);
		const tfms_rule *y = tfms_ruleset_find(rs, "tf.y");
		cr_assert_not_null(y);
		if (i == 1) {
			cr_expect_eq(y->reference, TFMS_DECISION_MANUAL);
			cr_expect(strstr(y->call_reason, "needs MindSpore "
							 "2.2-") != NULL);
		} else {
			cr_expect_eq(y->reference, TFMS_DECISION_AUTO);
		}
		tfms_ruleset_free(rs);
	}
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	tfms_ruleset_set_ms_version(rs, "2.9");
	cr_assert_eq(tfms_ruleset_load_buffer(rs, "r.yaml", yaml, strlen(yaml)),
		     0);
	cr_expect_lt(tfms_ruleset_finalize(rs), 0);
	cr_expect_str_eq(tfms_error_last(),
			 "--mindspore-version: MindSpore 2.9 is not a release "
			 "the rules know (2.0 to 2.7)");
	tfms_ruleset_free(rs);
}

Test(rules, new_keys_are_validated)
{
	static const struct {
		const char *yaml, *error;
	} cases[] = {
		{"rules:\n  - api: tf.x\n    api: tf.y\n",
		 "b.yaml:3: key 'api' given twice (first on line 2)"},
		{"rules:\n  - api: tf.x\n    releases: '2.x'\n",
		 "b.yaml:3: 'releases' must look like \"2.0-2.3\", \"2.4-\" "
		 "or \"2.2\", not '2.x'"},
		{"rules:\n  - api: tf.x\n    tf_signature: x(a)\n"
		 "    args: {a: {tensor: maybe}}\n",
		 "b.yaml:4: 'tensor' must be true, false, scalar or float32, "
		 "not 'maybe'"},
		{"rules:\n  - api: tf.x\n    tf_signature: x(a)\n"
		 "    args: {a: {dtype_from: []}}\n",
		 "b.yaml:4: 'dtype_from' of argument 'a' must be one parameter "
		 "or one non-empty list of them"},
		{"rules:\n  - api: tf.x\n    when: {sometimes: [a]}\n",
		 "b.yaml:3: 'when' must be {literal: {PARAM: int or list}}, "
		 "{given: [PARAMS]} or {absent: [PARAMS]}"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tfms_ruleset *rs;
		tfms_ruleset_new(&rs);
		cr_expect_lt(tfms_ruleset_load_buffer(rs, "b.yaml",
						      cases[i].yaml,
						      strlen(cases[i].yaml)),
			     0, "%s", cases[i].yaml);
		cr_expect_str_eq(tfms_error_last(), cases[i].error);
		tfms_ruleset_free(rs);
	}
}
