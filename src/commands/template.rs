//! `kesiapan template`: write the blank forms (one xlsx per dataset, or per unit and dataset).

use super::{EXIT_OK, load_data, load_rubric};
use crate::cli::TemplateArgs;
use crate::output::write_atomic;
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
    let units: Vec<Option<ForUnit>> = if args.per_unit {
        let loaded = load_data(&rubric, &args.data)?;
        if loaded.units.is_empty() {
            bail!(
                "--per-unit: no unit found in the data (the unit list comes from the data's unit dataset)"
            );
        }
        loaded
            .units
            .into_iter()
            .map(|(id, name)| Some(ForUnit { id, name }))
            .collect()
    } else {
        vec![None]
    };
    // Render everything before writing anything.
    let mut files = Vec::new();
    for u in &units {
        for ds in &datasets {
            let bytes = template::form(&rubric, ds, u.as_ref(), &[])?;
            let sub = match u {
                Some(u) => args.out.join(crate::xlsx::file_stem(&u.id)),
                None => args.out.clone(),
            };
            files.push((sub.join(template::file_name(ds, u.as_ref())), bytes));
        }
    }
    for (path, bytes) in &files {
        write_atomic(path, bytes)?;
    }
    if !quiet {
        eprintln!("wrote {} form(s) into {}", files.len(), args.out.display());
        for (p, _) in files.iter().take(12) {
            outln!("{}", p.display());
        }
        if files.len() > 12 {
            outln!("+{} more", files.len() - 12);
        }
    }
    Ok(EXIT_OK)
}
