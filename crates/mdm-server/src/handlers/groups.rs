use crate::AppState;
use crate::http::{ApiError, ApiResult};
use crate::sql::OptionalExtension;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use mdm_model::types::{Group, Page};

const GROUP_SQL: &str = "SELECT g.name, g.description,
        (SELECT COUNT(*) FROM device_groups dg WHERE dg.group_id = g.id)
     FROM groups g";

fn row(r: &crate::sql::Row<'_>) -> crate::sql::Result<Group> {
    Ok(Group {
        name: r.get(0)?,
        description: r.get(1)?,
        device_count: r.get::<_, i64>(2)? as u64,
    })
}

pub async fn list(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<Group>>> {
    super::Params::from_query(q.as_deref())?.only(&[])?;
    let items = st
        .run(|s| {
            Ok(s.db.read(|c| {
                let mut stmt = c.prepare(&format!("{GROUP_SQL} ORDER BY g.name"))?;
                stmt.query_map([], row)?
                    .collect::<crate::sql::Result<Vec<_>>>()
            })?)
        })
        .await?;
    Ok(Json(Page {
        total: Some(items.len() as u64),
        items,
        next_cursor: None,
    }))
}

pub async fn get(State(st): State<AppState>, Path(name): Path<String>) -> ApiResult<Json<Group>> {
    let g = st
        .run(move |s| {
            s.db.read(|c| -> ApiResult<Group> {
                let found = c
                    .query_row(&format!("{GROUP_SQL} WHERE g.name = ?1"), [&name], row)
                    .optional()?;
                match found {
                    Some(g) => Ok(g),
                    // The same 404, with its suggestion, as a target naming the group.
                    None => crate::handlers::devices::group_id(c, &name)
                        .and_then(|_| Err(ApiError::not_found(format!("no group named {name:?}")))),
                }
            })
        })
        .await?;
    Ok(Json(g))
}
