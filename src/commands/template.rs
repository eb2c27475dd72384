//! `kesiapan template`: write the blank forms (one xlsx per dataset, or per unit and dataset).

use super::{EXIT_OK, load_data, load_rubric};
use crate::cli::TemplateArgs;
use crate::output::write_set;
use crate::template::{self, ForUnit};
use anyhow::{Result, bail};

pub fn run(args: &TemplateArgs, quiet: bool) -> Result<u8> {
    let rubric = load_rubric(&args.data.rubric)?;
    let datasets: Vec<&crate::rubric::Dataset> = if args.datasets.is_empty() {
        rubric.datasets.iter().collect()
    } else {
        let mut v = Vec::new();
        for id in &args.datasets {
            match rubric.dataset(id) {
                Some(d) => v.push(d),
                None => bail!(
                    "unknown dataset `{id}` (the rubric declares: {})",
                    rubric
                        .datasets
                        .iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
        v
    };
    // Forms written into the data folder would be read as data (or replace it).
    if args.per_unit || args.data.data.is_some() || !args.data.inputs.is_empty() {
        super::refuse_overlap(&args.out, &args.data, args.lang)?;
    }
    let mut loaded = None;
    let units: Vec<Option<ForUnit>> = if args.per_unit {
        let l = load_data(&rubric, &args.data)?;
        if l.units.is_empty() {
            bail!(
                "--per-unit: no unit found in the data (the unit list comes from the data's unit dataset)"
            );
        }
        let units = l
            .units
            .iter()
            .map(|(id, name)| {
                Some(ForUnit {
                    id: id.clone(),
                    name: name.clone(),
                })
            })
            .collect();
        loaded = Some(l);
        units
    } else {
        vec![None]
    };
    // One folder name per unit, unique and safe (`a/b` and `a_b` do not share a folder).
    let ids: Vec<&str> = units.iter().flatten().map(|u| u.id.as_str()).collect();
    let stems = crate::output::names::unique_stems(&ids);
    // Render everything before writing anything.
    let mut files = Vec::new();
    let mut renamed = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if let (Some(u), Some(stem)) = (u, stems.get(i)) {
            if *stem != u.id {
                renamed.push((u.id.clone(), stem.clone()));
            }
        }
        for ds in &datasets {
            let bytes = template::form(&rubric, ds, u.as_ref(), &[])?;
            let name = match u {
                Some(_) => format!("{}/{}", stems[i], template::unit_file_name(ds, &stems[i])),
                None => template::file_name(ds, None),
            };
            files.push((name, bytes));
        }
    }
    let run = super::run_info("template", None, &rubric, loaded.as_ref());
    let written = write_set(&args.out, &files, &run)?;
    if !quiet {
        let wrote = crate::msg!(
            "template-wrote",
            n = files.len(),
            manifest = crate::output::MANIFEST,
            out = args.out.display().to_string()
        );
        eoutln!("{}", wrote.get(args.lang));
        for (id, stem) in &renamed {
            eoutln!(
                "  unit `{}` written as {stem}/",
                crate::text::cap(id, crate::text::NAME_LIMIT, args.lang)
            );
        }
        for p in written.iter().take(12) {
            outln!("{p}");
        }
        if written.len() > 12 {
            outln!("+{} more", written.len() - 12);
        }
    }
    Ok(EXIT_OK)
}
